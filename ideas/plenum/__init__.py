"""Items where the room listens, eats or walks: nothing of their own on the screens."""
