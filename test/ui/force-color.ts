// Imported first by component tests: chalk decides on colour when Ink loads, and the selected
// row is visible only through its colour (as in htop), so the frames must carry SGR codes.
process.env.FORCE_COLOR = '1';
