/** 已配对工作站（issue 16）的中文文本：设置 → 工作站，以及登录页上的配对表单。 */
export const text = {
  title: '工作站',
  open: '与本服务器配对的工作站',
  hint: '每台通过网络连接本服务器的电脑，都需用此处生成的配对码配对一次。电脑丢失或更换时请撤销其配对：它会立即被拒绝。每个工作站上仍需各自登录。',
  pairDesk: '配对工作站',
  codeTitle: '配对码',
  codeHint: '在新工作站上打开服务器地址，输入此配对码和工作站名称。配对码只能使用一次，有效至 {{time}}。',
  empty: '尚未配对任何工作站。',
  columns: {
    name: '工作站',
    paired: '配对时间',
    lastSeen: '最近连接',
    address: '地址',
    version: 'BayDesk 版本',
    state: '状态',
  },
  serverVersion: '本服务器运行 BayDesk {{version}}。桌面工位从这里更新（安装包放在其 updates 文件夹中）。',
  connectedTo: '服务器：{{server}}',
  browserDesk: '浏览器',
  pairedBy: '{{time}}，由 {{name}}',
  active: '已配对',
  revoked: '已于 {{time}} 由 {{name}} 撤销',
  never: '—',
  revoke: '撤销',
  revokeAria: '撤销工作站 {{name}}',
  revokeQuestion: '撤销 {{name}}？它将立即被拒绝，需要新的配对码才能重新连接。',
  revokeYes: '确认撤销',
  pairTitle: '配对此工作站',
  pairHint: '此电脑尚未与 BayDesk 服务器配对。请向经理索取配对码（在已配对的工作站或服务器电脑上：设置 → 工作站）。',
  code: '配对码（6 位数字）',
  name: '此工作站的名称',
  namePlaceholder: '例如：前台 1',
  pairSubmit: '配对',
  paired: '已与 {{server}} 配对。证书指纹：{{fingerprint}}',
};

/** 桌面工位的首次运行（renderer/src/desks/first-run）与服务器暂时无法连接时的工位。 */
export const firstRun = {
  title: '在此电脑上设置 BayDesk',
  hint: '只需选择一次；以后 IT 可删除数据文件夹中的 desk.json 重新选择。',
  standalone: '本机保存数据库',
  standaloneHint: '单独使用的工位，或服务部的服务器电脑。数据保存在本机。',
  server: '连接服务部的服务器',
  serverHint: '数据保存在服务器上，本工位显示它。需要服务器地址和经理提供的配对码。',
  continue: '继续',
  connect: '配对并连接',
  connecting: '正在连接…',
  fingerprintHint: '配对后，本工位只信任该服务器的证书。证书指纹显示在服务器的“工作站”页面上。',
  waitingTitle: '无法连接服务器',
  waiting: 'BayDesk 无法连接 {{server}}（{{origin}}）。每隔几秒自动重试，服务器应答后自动打开。',
  fingerprint: '证书指纹：{{fingerprint}}',
};

export const fields = {
  serverAddress: '服务器地址',
};

export const reasons = {
  desk: {
    unpaired: '此电脑尚未与 BayDesk 服务器配对：请在服务器的“设置 → 工作站”中生成配对码，在此输入。',
    revoked: '此电脑的配对已被经理撤销：请用新的配对码重新配对。',
    codeFormat: '应为 6 位数字',
    codeInvalid: '配对码错误、已使用或已过期',
    pairingLocked: '配对码错误次数过多，配对已锁定至 {{time}}。',
    address: '不是有效的服务器地址：请按服务器上显示的填写，例如 192.168.1.20 或 server-pc:5178（仅限 https）',
    unreachable: '没有应答：请检查地址、服务器电脑是否开机并运行 BayDesk，以及网络',
    notBayDesk: '应答的不是 BayDesk 服务器：请检查地址和端口',
    certificateChanged: '服务器的证书与其声明使用的不一致：本机与服务器之间可能有其他设备。配对前请先联系 IT。',
    setupClosed: '此工位已完成设置。',
  },
};
