import { words } from './words';

/** The words every page uses: the header, the key, the connection, units. */
export const APP_WORDS = words(
  {
    title: 'Rail-water container tracking',
    apiKey: 'API key',
    signIn: 'Use key',
    signOut: 'Forget key',
    language: '中文',
    arrived: 'Arrived',
    revoked: 'This API key is not valid (revoked or mistyped). Enter another key.',
    forbidden: 'This key may not see this page.',
    connecting: 'Connecting to live updates…',
    live: 'Live',
    retrying: 'Connection lost: retrying…',
    liveRefused: 'Live updates refused: the key was not accepted.',
    minutes: 'min',
    hours: 'h',
    none: '—',
  },
  {
    title: '铁水联运集装箱跟踪',
    apiKey: 'API 密钥',
    signIn: '使用密钥',
    signOut: '清除密钥',
    language: 'English',
    arrived: '到达',
    revoked: '该 API 密钥无效（已吊销或输入有误），请输入其他密钥。',
    forbidden: '该密钥无权查看此页面。',
    connecting: '正在连接实时更新…',
    live: '实时',
    retrying: '连接中断：正在重试…',
    liveRefused: '实时更新被拒绝：密钥未被接受。',
    minutes: '分钟',
    hours: '小时',
    none: '—',
  },
);
