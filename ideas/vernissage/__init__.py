"""The vernissage: a gallery walk over the boards of an earlier item, with presenters in turns."""
