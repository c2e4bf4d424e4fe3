//! WebSocket gateway of the chat platform. (being built).
