"""The Calendar section: today, month, week and agenda views, reminders and the Calendar menu."""
