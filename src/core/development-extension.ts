/**
 * The development build's fixed identity in Chrome. An unpacked extension's id is derived from the
 * manifest's `key` (the first 128 bits of SHA-256 of this DER SubjectPublicKeyInfo, written in
 * the letters a–p), so with a fixed key the id is the same on every machine and every load, and
 * the reference server can accept `chrome-extension://<id>` for WebAuthn by default in development
 * mode. Only the public key: nothing is signed with it. Store builds carry no key (the store
 * assigns the id). A test recomputes the id from the key.
 */
export const DEVELOPMENT_EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAzcZ0zhdvSsnygFtul0siQIU6Xb7M2Qe3qibnx9v1fb5Mdsxb8nFM3ri8dNtLryH3vTrjdyIPLLpJF/z7ofT+IsuvByE+z7KmlbD+kIV1O641fwYSIsiuV1aARtxPwsc62mZA6Uug3yG5b5qvjtNhKJVpulWOcHgb+y4vfb97NdV1QwEZyvJoqODVDmirSWXcP5ntlKuwClVXVpiaFdRY/2rg8MPtq34gqM9OpvwKu2Dswv1TPtP+JkPU880wRafV7X0u+893gqZ/pYu/10cTzoPw5ghizCCmtPphvGb2K5tpIfhZrV3BIDpul06WBZwE7diLfQm/iY31FbtM5LlJhwIDAQAB';

export const DEVELOPMENT_CHROME_EXTENSION_ID = 'ncganehcbpeegphfaeiimipijipilfem';

export const DEVELOPMENT_CHROME_ORIGIN = `chrome-extension://${DEVELOPMENT_CHROME_EXTENSION_ID}`;

/** The add-on id in Firefox (manifest `browser_specific_settings.gecko.id`), the same for every build. */
export const FIREFOX_ADDON_ID = 'sidekey@sidekey.app';

/**
 * The origin Firefox gives the extension's pages in WebAuthn's client data: not the per-profile
 * `moz-extension://<uuid>` of their URLs but `moz-extension://` and the SHA-256 of the add-on id
 * written in the letters a–p (seen in Firefox ESR 153's clientDataJSON). Fixed by the id alone, so
 * the reference server accepts it by default in development mode as it does the Chrome id. A test
 * recomputes it from the id.
 */
export const FIREFOX_WEBAUTHN_ORIGIN =
  'moz-extension://alleakjgnbidpimboaeagbmlhffamijodjoodklabapdljadhaiikjcopnbepdpk';
