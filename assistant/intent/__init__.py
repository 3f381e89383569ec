"""Helpers of intent recognition (`assistant.intents`): text folding, vocabulary, periods."""
