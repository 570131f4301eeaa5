// LTI Dynamic Registration 1.0 §3.7: tell the learning environment the registration is done,
// so it closes its dialog (a file of our own origin: the CSP allows no inline script).
"use strict";
(window.opener || window.parent).postMessage({ subject: "org.imsglobal.lti.close" }, "*");
