"""Department commitments: what the goals demand of each department, messages, Monday actions."""
