"""Per-edition outputs made from the audio and the chapter list."""
