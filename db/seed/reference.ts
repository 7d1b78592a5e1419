import type { ClubCode, Segment } from '@/lib/domain/types';

/** The 31 mainland provincial branches, GB/T 2260 codes. */
export const PROVINCES: ReadonlyArray<{ code: string; nameZh: string; nameEn: string }> = [
  { code: '110000', nameZh: '北京市', nameEn: 'Beijing' },
  { code: '120000', nameZh: '天津市', nameEn: 'Tianjin' },
  { code: '130000', nameZh: '河北省', nameEn: 'Hebei' },
  { code: '140000', nameZh: '山西省', nameEn: 'Shanxi' },
  { code: '150000', nameZh: '内蒙古自治区', nameEn: 'Inner Mongolia' },
  { code: '210000', nameZh: '辽宁省', nameEn: 'Liaoning' },
  { code: '220000', nameZh: '吉林省', nameEn: 'Jilin' },
  { code: '230000', nameZh: '黑龙江省', nameEn: 'Heilongjiang' },
  { code: '310000', nameZh: '上海市', nameEn: 'Shanghai' },
  { code: '320000', nameZh: '江苏省', nameEn: 'Jiangsu' },
  { code: '330000', nameZh: '浙江省', nameEn: 'Zhejiang' },
  { code: '340000', nameZh: '安徽省', nameEn: 'Anhui' },
  { code: '350000', nameZh: '福建省', nameEn: 'Fujian' },
  { code: '360000', nameZh: '江西省', nameEn: 'Jiangxi' },
  { code: '370000', nameZh: '山东省', nameEn: 'Shandong' },
  { code: '410000', nameZh: '河南省', nameEn: 'Henan' },
  { code: '420000', nameZh: '湖北省', nameEn: 'Hubei' },
  { code: '430000', nameZh: '湖南省', nameEn: 'Hunan' },
  { code: '440000', nameZh: '广东省', nameEn: 'Guangdong' },
  { code: '450000', nameZh: '广西壮族自治区', nameEn: 'Guangxi' },
  { code: '460000', nameZh: '海南省', nameEn: 'Hainan' },
  { code: '500000', nameZh: '重庆市', nameEn: 'Chongqing' },
  { code: '510000', nameZh: '四川省', nameEn: 'Sichuan' },
  { code: '520000', nameZh: '贵州省', nameEn: 'Guizhou' },
  { code: '530000', nameZh: '云南省', nameEn: 'Yunnan' },
  { code: '540000', nameZh: '西藏自治区', nameEn: 'Xizang (Tibet)' },
  { code: '610000', nameZh: '陕西省', nameEn: 'Shaanxi' },
  { code: '620000', nameZh: '甘肃省', nameEn: 'Gansu' },
  { code: '630000', nameZh: '青海省', nameEn: 'Qinghai' },
  { code: '640000', nameZh: '宁夏回族自治区', nameEn: 'Ningxia' },
  { code: '650000', nameZh: '新疆维吾尔自治区', nameEn: 'Xinjiang' },
];

const ALL_SEGMENTS: Segment[] = ['prepaid', 'postpaid', 'postpaid_vip'];

/** The four feature clubs of the plan (四(三)) with their minimum yearly member events. */
export const CLUBS: ReadonlyArray<{
  code: ClubCode;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  minEventsPerYear: number;
  allowedSegments: Segment[];
}> = [
  {
    code: 'music',
    nameZh: '音乐俱乐部',
    nameEn: 'Music Club',
    descriptionZh: '依托3G手机音乐产品，为会员举办歌友会、新歌首听和音乐沙龙。',
    descriptionEn: 'Built on 3G mobile music: fan meetups, new-song listening parties and music salons for members.',
    minEventsPerYear: 3,
    allowedSegments: ALL_SEGMENTS,
  },
  {
    code: 'film',
    nameZh: '影视俱乐部',
    nameEn: 'Film Club',
    descriptionZh: '依托移动互联网影视产品，为会员举办影迷交流和新片抢先看。',
    descriptionEn: 'Mobile film and video: film fan exchanges and premiere previews for members.',
    minEventsPerYear: 2,
    allowedSegments: ALL_SEGMENTS,
  },
  {
    code: 'gaming',
    nameZh: '网游俱乐部',
    nameEn: 'Gaming Club',
    descriptionZh: '依托移动互联网游戏产品，为会员举办游戏大赛等主题活动。',
    descriptionEn: 'Mobile online games: gaming tournaments and other themed member events.',
    minEventsPerYear: 2,
    allowedSegments: ALL_SEGMENTS,
  },
  {
    code: 'handset',
    nameZh: '手机俱乐部',
    nameEn: 'Handset Club',
    descriptionZh:
      '3G终端优先试用、新业务优先体验，全国联保、预约维修、上门维修、手机清洗、备机等服务，并定期举办手机沙龙。',
    descriptionEn:
      'Priority trials of new 3G handsets and services, nationwide warranty, booked and on-site repair, phone cleaning and loaner phones, plus regular handset salons.',
    minEventsPerYear: 4,
    allowedSegments: ALL_SEGMENTS,
  },
];

/** Every province's handset club services, as the plan lists them (四(三)4); operators adjust them. */
export const SERVICE_CATALOGUE: ReadonlyArray<{
  kind: 'handset_trial' | 'service_trial' | 'warranty' | 'booked_repair' | 'onsite_repair' | 'cleaning' | 'loaner';
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  eligibleSegments: Segment[];
  vipPriorityHours: number;
  pricePoints: number;
}> = [
  { kind: 'handset_trial', nameZh: '新机优先试用', nameEn: 'Priority handset trials', descriptionZh: '限量3G新机试用，VIP会员优先申请，试用期满归还。', descriptionEn: 'A limited number of new 3G handsets to try; VIPs apply first; returned after the trial.', eligibleSegments: ALL_SEGMENTS, vipPriorityHours: 48, pricePoints: 0 },
  { kind: 'service_trial', nameZh: '新业务优先体验', nameEn: 'New services first', descriptionZh: '视频通话、手机电视等新业务优先体验名额。', descriptionEn: 'Early places to try new services such as video calls and mobile TV.', eligibleSegments: ALL_SEGMENTS, vipPriorityHours: 48, pricePoints: 0 },
  { kind: 'warranty', nameZh: '全国联保登记', nameEn: 'Nationwide warranty', descriptionZh: '登记后在全国任一联通营业厅享受保修服务。', descriptionEn: 'Register once for warranty service at any China Unicom hall in the country.', eligibleSegments: ALL_SEGMENTS, vipPriorityHours: 0, pricePoints: 0 },
  { kind: 'booked_repair', nameZh: '预约维修', nameEn: 'Booked repair', descriptionZh: '预约营业厅维修时段，到店免排队；维修期间可借用备机。', descriptionEn: 'Book a repair slot at a hall and skip the queue; a loaner phone is available meanwhile.', eligibleSegments: ALL_SEGMENTS, vipPriorityHours: 24, pricePoints: 0 },
  { kind: 'onsite_repair', nameZh: '上门维修', nameEn: 'On-site repair', descriptionZh: '工程师在约定时段上门维修。', descriptionEn: 'An engineer comes to your address in the agreed time window.', eligibleSegments: ['postpaid', 'postpaid_vip'], vipPriorityHours: 24, pricePoints: 500 },
  { kind: 'cleaning', nameZh: '手机清洗', nameEn: 'Phone cleaning', descriptionZh: '专业清洁消毒手机外壳、屏幕与接口。', descriptionEn: 'Professional cleaning of case, screen and ports.', eligibleSegments: ALL_SEGMENTS, vipPriorityHours: 0, pricePoints: 100 },
  { kind: 'loaner', nameZh: '备机服务', nameEn: 'Loaner phones', descriptionZh: '手机送修期间免费借用备机。', descriptionEn: 'Borrow a phone free of charge while yours is being repaired.', eligibleSegments: ALL_SEGMENTS, vipPriorityHours: 0, pricePoints: 0 },
];
