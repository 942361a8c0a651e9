"""File formats the generator reads and writes: one owner per format."""
