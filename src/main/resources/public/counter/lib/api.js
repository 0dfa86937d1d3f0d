/* 与服务器通信：统一请求、错误处理、登录会话 */
import { USERNAME_RULE } from './rules.js';

// 账户、密码相关的服务器错误为英文：已知的几条译为中文，其余原样显示
const SERVER_ERRORS = [
  [/^old: not the current password$/, () => '当前密码不正确'],
  [/^(?:new|password): at least (\d+) characters$/, (m) => `密码至少 ${m[1]} 位`],
  [/^(?:new|password): must not be the username$/, () => '密码不能与用户名相同'],
  [/^(?:new|password): too few different characters$/, () => '密码中不同的字符太少（至少 4 种）'],
  [/^username: '(.*)' is taken$/, (m) => `用户名 ${m[1]} 已被占用`],
  [/^username: 2 to 64 /, () => USERNAME_RULE],
  [/^role: one of /, () => '请选择有效的角色'],
  [/^an admin cannot disable their own account$/, () => '不能停用自己的账户'],
  [/^no account '(.*)'$/, (m) => `账户 ${m[1]} 不存在`],
];

const DEFAULT_ERRORS = {
  400: '请求有误，请检查输入后重试',
  403: '无权限执行此操作',
  404: '未找到相应记录',
  409: '数据状态已变化，请刷新后重试',
  422: '数据校验未通过',
};

export class ApiError extends Error {
  constructor(status, errors, field, silent = false) {
    super(errors.join('；'));
    this.status = status;
    this.errors = errors;
    this.field = field || null;
    this.silent = silent;
  }
}

function zhError(text) {
  for (const [re, fn] of SERVER_ERRORS) {
    const m = re.exec(text);
    if (m) return fn(m);
  }
  return text;
}

function goLogin() {
  window.location.assign('/login');
}

/**
 * 统一请求：same-origin 凭据；X-Requested-With: counter（所有请求都带：非 GET 时服务器据此防跨站，
 * GET 带上则未登录时服务器不发 Basic 质询，浏览器不会弹出自带的密码框）；JSON 请求体。
 * 401 → 跳转登录页；其他非 2xx → ApiError（errors 取自服务器 {"errors":[...]}）。
 */
export async function api(method, url, body) {
  const headers = { Accept: 'application/json', 'X-Requested-With': 'counter' };
  const opts = { method, credentials: 'same-origin', headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url, opts);
  } catch (e) {
    throw new ApiError(0, ['无法连接服务器，请检查网络后重试']);
  }
  if (res.status === 401 || (res.redirected && new URL(res.url).pathname === '/login')) {
    goLogin();
    throw new ApiError(401, ['登录已失效，请重新登录'], null, true);
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = null; }
  }
  if (!res.ok) {
    const errs = data && Array.isArray(data.errors) && data.errors.length
      ? data.errors.map((t) => zhError(String(t)))
      : [DEFAULT_ERRORS[res.status] || `服务器错误（HTTP ${res.status}），请稍后重试`];
    throw new ApiError(res.status, errs, data && data.field);
  }
  return data;
}

/** 退出登录：无论成功与否均回到登录页 */
export async function logout() {
  try {
    await fetch('/logout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-Requested-With': 'counter', 'Content-Type': 'application/json' },
      body: '{}',
    });
  } catch (e) {
    /* 无论成功与否均回到登录页 */
  }
  window.location.assign('/login?logout=1');
}
