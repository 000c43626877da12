// Gazetteer: the place store loaded from geodata/gazetteer.sqlite, with lookups by name, alias and code.
