"""Tests of the helpdesk integrations and of the servers they are tested against."""
