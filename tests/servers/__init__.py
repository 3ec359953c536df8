"""Real servers the helpdesk and keychain tests run against, started by pytest fixtures."""
