//! Moderation decisions: one path for the queue form, the mailed one-click link and the API.
