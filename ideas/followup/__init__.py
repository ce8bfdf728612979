"""The directors' follow-up of the pledged goals: status, progress notes, exports."""
