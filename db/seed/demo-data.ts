import type { ClubCode, EventKind } from '@/lib/domain/types';

/** Provinces that carry demo customers and events, with their cities and venues (in both languages). */
export const DEMO_PROVINCES: ReadonlyArray<{
  code: string;
  weight: number;
  cities: ReadonlyArray<{ zh: string; venues: ReadonlyArray<{ zh: string; en: string }> }>;
}> = [
  {
    code: '440000',
    weight: 30,
    cities: [
      {
        zh: '广州',
        venues: [
          { zh: '中国联通广州天河营业厅3G体验区', en: '3G Experience Zone, China Unicom Tianhe Service Hall, Guangzhou' },
          { zh: '广州天河城飞扬影城3号厅', en: 'Hall 3, Feiyang Cinema, Teemall, Guangzhou' },
          { zh: '广州正佳广场联通3G品牌店', en: 'China Unicom 3G Brand Store, Grandview Mall, Guangzhou' },
          { zh: '广州大剧院小剧场', en: 'Studio Theatre, Guangzhou Opera House' },
        ],
      },
      {
        zh: '深圳',
        venues: [
          { zh: '中国联通深圳华强北营业厅', en: 'China Unicom Huaqiangbei Service Hall, Shenzhen' },
          { zh: '深圳欢乐海岸音乐厅', en: 'OCT Harbour Concert Hall, Shenzhen' },
          { zh: '深圳南山科技园联通3G品牌店', en: 'China Unicom 3G Brand Store, Nanshan Science Park, Shenzhen' },
        ],
      },
      {
        zh: '佛山',
        venues: [
          { zh: '中国联通佛山祖庙营业厅', en: 'China Unicom Zumiao Service Hall, Foshan' },
        ],
      },
    ],
  },
  {
    code: '110000',
    weight: 25,
    cities: [
      {
        zh: '北京',
        venues: [
          { zh: '中国联通北京王府井营业厅', en: 'China Unicom Wangfujing Service Hall, Beijing' },
          { zh: '北京西单大悦城UME影城', en: 'UME Cinema, Joy City Xidan, Beijing' },
          { zh: '北京798艺术区星空间', en: 'Star Gallery, 798 Art District, Beijing' },
          { zh: '北京中关村联通3G品牌店', en: 'China Unicom 3G Brand Store, Zhongguancun, Beijing' },
        ],
      },
    ],
  },
  {
    code: '310000',
    weight: 15,
    cities: [
      {
        zh: '上海',
        venues: [
          { zh: '中国联通上海南京东路营业厅', en: 'China Unicom East Nanjing Road Service Hall, Shanghai' },
          { zh: '上海大光明电影院', en: 'Grand Cinema, Shanghai' },
          { zh: '上海徐家汇联通3G品牌店', en: 'China Unicom 3G Brand Store, Xujiahui, Shanghai' },
        ],
      },
    ],
  },
  {
    code: '330000',
    weight: 12,
    cities: [
      {
        zh: '杭州',
        venues: [
          { zh: '中国联通杭州武林营业厅', en: 'China Unicom Wulin Service Hall, Hangzhou' },
          { zh: '杭州西湖文化广场音乐厅', en: 'Concert Hall, West Lake Cultural Square, Hangzhou' },
        ],
      },
      {
        zh: '宁波',
        venues: [
          { zh: '中国联通宁波天一广场营业厅', en: 'China Unicom Tianyi Square Service Hall, Ningbo' },
        ],
      },
    ],
  },
  {
    code: '510000',
    weight: 10,
    cities: [
      {
        zh: '成都',
        venues: [
          { zh: '中国联通成都春熙路营业厅', en: 'China Unicom Chunxi Road Service Hall, Chengdu' },
          { zh: '成都太古里联通3G品牌店', en: 'China Unicom 3G Brand Store, Taikoo Li, Chengdu' },
          { zh: '成都东郊记忆演艺中心', en: 'Performing Arts Centre, Eastern Suburb Memory, Chengdu' },
        ],
      },
    ],
  },
  {
    code: '320000',
    weight: 8,
    cities: [
      {
        zh: '南京',
        venues: [
          { zh: '中国联通南京新街口营业厅', en: 'China Unicom Xinjiekou Service Hall, Nanjing' },
          { zh: '南京德基广场影城', en: 'Deji Plaza Cinema, Nanjing' },
        ],
      },
      {
        zh: '苏州',
        venues: [
          { zh: '中国联通苏州观前街营业厅', en: 'China Unicom Guanqian Street Service Hall, Suzhou' },
        ],
      },
    ],
  },
];

export const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤'];
export const GIVEN_NAME_CHARS = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬斌宇浩凯健俊帆帅旭宁晨晓欣怡婷雪琳思远博文嘉轩子涵雨欣梓萱浩然一鸣佳琪'];
/** China Unicom number ranges. */
export const UNICOM_PREFIXES = ['130', '131', '132', '145', '155', '156', '166', '175', '176', '185', '186'];

export const EVENT_TEMPLATES: Record<ClubCode, ReadonlyArray<{ kind: EventKind; zh: string; en: string; descZh: string; descEn: string }>> = {
  music: [
    { kind: 'music_fan_event', zh: '沃音乐新歌首听会', en: 'New-song listening party', descZh: '抢先聆听本季新歌，与原创音乐人面对面交流。', descEn: "Hear this season's new songs first and meet the songwriters." },
    { kind: 'music_fan_event', zh: '城市民谣夜·会员专场', en: 'City folk night: members only', descZh: '本地民谣乐队现场演出，会员凭票入场。', descEn: 'Local folk bands play live; entry with a member ticket.' },
    { kind: 'music_fan_event', zh: '3G手机音乐·原创歌手见面会', en: 'Meet the indie singers: 3G Mobile Music', descZh: '手机音乐排行榜上榜歌手到场签名互动。', descEn: 'Singers from the mobile music charts sign and chat with fans.' },
    { kind: 'music_fan_event', zh: '城市草坪音乐会会员专区', en: 'City lawn concert: members area', descZh: '草坪音乐会设会员专区，含饮品。', descEn: 'A members-only area at the lawn concert, drinks included.' },
  ],
  film: [
    { kind: 'film_premiere', zh: '新片抢先看：《逆光飞行》', en: 'Premiere preview: Flying Against the Light', descZh: '上映前一周会员专场放映，映后主创交流。', descEn: 'A members-only screening a week before release, with a Q&A.' },
    { kind: 'film_fan_exchange', zh: '影迷交流会：年度华语佳片回顾', en: "Film fans' meetup: the year in Chinese cinema", descZh: '影评人带领回顾年度佳片，现场交流。', descEn: "A critic walks fans through the year's best films." },
    { kind: 'film_premiere', zh: '新片抢先看：《山海之间》', en: 'Premiere preview: Between Mountains and Seas', descZh: '会员专场提前观影，赠送电影海报。', descEn: 'An early members-only screening with a free poster.' },
    { kind: 'film_fan_exchange', zh: '手机微电影创作分享会', en: 'Phone-shot short films: a makers’ meetup', descZh: '用3G手机拍摄微电影的经验分享。', descEn: 'Film-makers share how they shoot short films on 3G phones.' },
  ],
  gaming: [
    { kind: 'gaming_tournament', zh: '3G手游大赛·城市赛', en: '3G mobile games tournament: city round', descZh: '个人赛制，前三名获赠流量包与积分。', descEn: 'Individual rounds; the top three win data packs and points.' },
    { kind: 'gaming_tournament', zh: '会员杯电竞团队赛', en: "Members' cup e-sports team contest", descZh: '五人组队报名，现场决赛直播。', descEn: 'Teams of five; the final is streamed live.' },
    { kind: 'gaming_tournament', zh: '经典手游怀旧挑战赛', en: 'Classic mobile games challenge', descZh: '经典手游限时挑战，老玩家同场竞技。', descEn: 'Timed challenges on classic mobile games.' },
  ],
  handset: [
    { kind: 'handset_salon', zh: '手机沙龙：新机上手体验', en: 'Handset salon: hands-on with new phones', descZh: '最新3G终端现场体验，工程师讲解功能。', descEn: 'Try the newest 3G handsets with engineers on hand.' },
    { kind: 'handset_salon', zh: '手机沙龙：手机摄影技巧分享', en: 'Handset salon: mobile photography tips', descZh: '摄影师分享手机拍摄构图与后期技巧。', descEn: 'A photographer shares composition and editing tips.' },
    { kind: 'handset_trial', zh: '新机优先试用会', en: 'Priority trial of new handsets', descZh: 'VIP会员优先，现场领取试用机。', descEn: 'VIP members first; pick up a trial handset on site.' },
    { kind: 'handset_salon', zh: '手机沙龙：3G新业务体验', en: 'Handset salon: new 3G services', descZh: '视频通话、手机电视等新业务现场体验。', descEn: 'Try video calls, mobile TV and other new services.' },
  ],
};

/** Accounts printed on start, with their database's own demo password (demo-password.ts). */
export const DEMO_STAFF: ReadonlyArray<{
  username: string;
  displayName: string;
  role: 'admin' | 'operator' | 'analyst' | 'account_manager';
  provinceCode: string | null;
}> = [
  { username: 'admin', displayName: '总部管理员', role: 'admin', provinceCode: null },
  { username: 'hq.analyst', displayName: '总部分析师 周敏', role: 'analyst', provinceCode: null },
  { username: 'gd.operator', displayName: '广东运营 陈志强', role: 'operator', provinceCode: '440000' },
  { username: 'gd.hotline', displayName: '广东10010 林晓燕', role: 'operator', provinceCode: '440000' },
  { username: 'gd.analyst', displayName: '广东分析师 黄丽', role: 'analyst', provinceCode: '440000' },
  { username: 'gd.manager', displayName: '广东客户经理 梁嘉欣', role: 'account_manager', provinceCode: '440000' },
  { username: 'bj.operator', displayName: '北京运营 刘洋', role: 'operator', provinceCode: '110000' },
  { username: 'bj.analyst', displayName: '北京分析师 王静', role: 'analyst', provinceCode: '110000' },
];

/** Members with web access, fixed so that their logins can be printed and used in tests. */
export const DEMO_MEMBERS: ReadonlyArray<{
  mobile: string;
  name: string;
  segment: 'prepaid' | 'postpaid' | 'postpaid_vip';
  provinceCode: string;
  points: number;
  prepaidFen: number;
  clubs: ClubCode[];
}> = [
  { mobile: '18602001234', name: '陈思远', segment: 'postpaid_vip', provinceCode: '440000', points: 12000, prepaidFen: 0, clubs: ['music', 'film', 'handset'] },
  // Prepaid: no points, as the plan's table 附表1 has it (积分回馈: 不提供); she pays fees from her prepaid balance.
  { mobile: '13002005678', name: '李晓梅', segment: 'prepaid', provinceCode: '440000', points: 0, prepaidFen: 8800, clubs: ['music', 'gaming'] },
  { mobile: '18602005566', name: '林佳慧', segment: 'postpaid', provinceCode: '440000', points: 5000, prepaidFen: 0, clubs: ['music', 'gaming'] },
  { mobile: '15601101234', name: '王浩然', segment: 'postpaid', provinceCode: '110000', points: 6200, prepaidFen: 0, clubs: ['film', 'gaming'] },
  { mobile: '17601105678', name: '张雨欣', segment: 'postpaid_vip', provinceCode: '110000', points: 20000, prepaidFen: 0, clubs: ['music', 'handset'] },
];

/**
 * A Guangdong VIP in no club, with web access: the plan's VIP rights (priority trial, hall
 * appointments) are hers without the handset club. Seeded after the rest (demo-halls.ts), so the
 * generated customers and everything drawn from them stay as they were.
 */
export const DEMO_HALL_VIP = { mobile: '18602003456', name: '林嘉怡', segment: 'postpaid_vip', provinceCode: '440000', points: 8000 } as const;

/** Every demo member who signs in with the demo password: the fixed members and the hall demo's VIP. */
export const DEMO_MEMBER_MOBILES: readonly string[] = [...DEMO_MEMBERS, DEMO_HALL_VIP].map((m) => m.mobile);
