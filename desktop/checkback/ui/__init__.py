"""The Qt user interface: the main window, one module per panel, models, tray, dialogs."""
