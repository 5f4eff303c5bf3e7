"""Qt windows, dialogs and table models: a thin layer over services (the only Qt besides app.py)."""
