//! Pictures drawn as inline SVG.
