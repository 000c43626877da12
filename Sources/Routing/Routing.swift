// Routing: Turns a geocoded trace into stops, legs, progress and the remaining path.
