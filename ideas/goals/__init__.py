"""Goals: drafted per table, shown one at a time, sealed with handshakes."""
