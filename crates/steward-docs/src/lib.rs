//! Reads cards, licence files and citation files: licences, classes and persistent identifiers.
