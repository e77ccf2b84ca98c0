"""The easy-read pictures, one SVG file each; a package only so the files ship with the plugin."""
