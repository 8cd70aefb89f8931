// Placeholder until the schema model lands.
