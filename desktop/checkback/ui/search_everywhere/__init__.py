"""The search across everything (Ctrl+K): policies, phrases, log records and follow-ups."""
