"""Letters to families who prefer post: the same text as the e-mail notice, made into a PDF in the
family member's language and format (large print or easy read if that is theirs) by the formats
pipeline, in the worker; listed on the review's staff page to download, print and post; and marked
posted by staff, which records the promise the letter keeps on that date."""
