/* 账户规则：与服务器一致 */

export const PASSWORD_MIN = 10; // 与服务器 Passwords.MIN_LENGTH 一致
export const USERNAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/; // 与服务器 AccountsController.USERNAME 一致
export const USERNAME_RULE = '用户名须为 2–64 位字母、数字或 . _ -，并以字母或数字开头'; // 服务器的 username: 错误与此同文
