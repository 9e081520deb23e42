/** 浏览器模式的 HTTP 外壳在调用到达核心之前拒绝的请求的中文文本（第 14 号问题）。 */
export const reasons = {
  request: {
    crossSite: '此请求并非来自 BayDesk 自己的页面，已被拒绝。',
    contentType: 'BayDesk 只接受 JSON 格式的此类请求。',
    tooLarge: '上传的内容过大（最多 {{maxMb}} MB）。',
  },
};
