"""The helpdesk connection: its settings, the ticket coming in, and the notes going out."""
