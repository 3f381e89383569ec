"""Referent in Slack: Block Kit messages built from the transport-free answers."""
