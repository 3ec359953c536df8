"""The helpdesk connection, driven as an agent would."""
