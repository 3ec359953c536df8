"""What reaches outside the app: the helpdesks' APIs and the OS keychain."""
