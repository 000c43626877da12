// Digest: SHA-256, HMAC-SHA256, MD5 and base64url, implemented here with their standard test vectors.
