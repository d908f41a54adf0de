# Accessibility fixes (findings 13-18): table headers and read/unread in words.
STRINGS = {
    "Choose": ("Choose", "Choisir"),
    "Notice": ("Notice", "Avis"),
    "notification:read": ("read", "lue"),
    "notification:unread": ("unread", "non lue"),
}
