//! Tests of the whole parser on drafts written for them.
