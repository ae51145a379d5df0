//! Facts read from documentation: licences, persistent identifiers, citations.
