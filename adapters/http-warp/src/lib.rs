//! REST API of the chat platform over warp. (being built).
