"""The view layer, templates and page fragments: what the site shows, derived from a Dataset."""
