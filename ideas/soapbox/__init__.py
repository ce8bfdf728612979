"""The soapbox ("op på ølkassen"): everyone drafts a staff speech about the vision, three per
group are picked and give it, the others give feedback, then everyone sketches an action plan."""
