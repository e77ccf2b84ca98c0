"""Publishing a review's report: private uploads, the anonymisation guard, publication, and the
public list, downloads and feeds."""
