"""oneonone-desktop: an offline app for organizers who run one-on-one meetings."""

__version__ = "0.1.0"
APP_NAME = "oneonone-desktop"
APP_DISPLAY_NAME = "One-on-Ones"
