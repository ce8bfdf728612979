"""A seminar's data from start to end: retention, purge, a person's own download, export and
import, templates."""
