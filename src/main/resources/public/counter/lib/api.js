/* 与服务器通信：统一请求、错误处理、登录会话 */

// 服务器的错误为中文，前面带字段名（如 "old: 当前密码不正确"）：显示时去掉字段名，其余原样
const FIELD_PREFIX = /^[a-z_][a-z_0-9.[\]]*: /;

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

/** 服务器的一条错误，去掉开头的字段名后显示 */
function serverText(text) {
  return String(text).replace(FIELD_PREFIX, '');
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
      ? data.errors.map(serverText)
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
