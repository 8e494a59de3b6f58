// Placeholder entry point; the commands are being built (see issue 3, item 8).
return 0;
