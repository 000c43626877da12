// MapRendering: Draws the base map and a route with Cairo into PNG, SVG and PDF, styled by data files.
