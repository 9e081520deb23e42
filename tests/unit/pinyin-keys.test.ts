import { describe, expect, it } from 'vitest';
import { PINYIN_KEY_MAX_LENGTH, PINYIN_MAX_KEYS, pinyinKeys, pinyinQuery } from '../../shared/domain/pinyin-keys';

/** Whether typing `typed` finds a name with these keys (the look-up searches the keys by prefix). */
const finds = (keys: string[], typed: string) => {
  const query = pinyinQuery(typed);
  return query !== null && keys.some((key) => key.startsWith(query));
};

describe('pinyinKeys: what a customer name is found by when staff type pinyin', () => {
  it('张三 is found as zhangsan, zs, zhang s and zhangs', () => {
    const keys = pinyinKeys('张三', 'person');
    expect(keys).toEqual(['zhangsan', 'zs']);
    for (const typed of ['zhangsan', 'zs', 'zhang s', 'zhangs', 'ZhangSan', 'zhang san', 'z'])
      expect(finds(keys, typed), typed).toBe(true);
    expect(finds(keys, 'zsan')).toBe(false);
    expect(finds(keys, 'lisi')).toBe(false);
  });

  it('full syllables then initials for a longer name: 张三丰 as zhang sf', () => {
    const keys = pinyinKeys('张三丰', 'person');
    expect(keys).toEqual(expect.arrayContaining(['zhangsanfeng', 'zsf', 'zhangsf']));
    for (const typed of ['zhang sf', 'zhangsanf', 'zsf', 'zhangsan feng']) expect(finds(keys, typed), typed).toBe(true);
  });

  it.each([
    ['单雄信', 'shanxiongxin', 'sxx'],
    ['曾国藩', 'zengguofan', 'zgf'],
    ['解缙', 'xiejin', 'xj'],
    ['区家麟', 'oujialin', 'ojl'],
    ['仇英', 'qiuying', 'qy'],
  ])('the surname of %s is read as a surname: %s, %s first', (name, full, initials) => {
    const keys = pinyinKeys(name, 'person');
    expect(keys[0]).toBe(full);
    expect(keys[1]).toBe(initials);
  });

  it('the everyday reading of a surname character finds the file too (单 dān, 曾 céng)', () => {
    expect(finds(pinyinKeys('单雄信', 'person'), 'danxiongxin')).toBe(true);
    expect(finds(pinyinKeys('曾国藩', 'person'), 'cengguofan')).toBe(true);
  });

  it('a name with several readings is found by each: 乐 lè and yuè', () => {
    for (const name of ['乐嘉', '张乐']) {
      const keys = pinyinKeys(name, 'person');
      const [le, yue] = name === '乐嘉' ? ['lejia', 'yuejia'] : ['zhangle', 'zhangyue'];
      expect(finds(keys, le), `${name} ${le}`).toBe(true);
      expect(finds(keys, yue), `${name} ${yue}`).toBe(true);
    }
  });

  it('compound surnames, and ü typed as v or u (吕 lv, lu)', () => {
    expect(finds(pinyinKeys('欧阳娜娜', 'person'), 'ouyang nn')).toBe(true);
    expect(finds(pinyinKeys('欧阳娜娜', 'person'), 'oynn')).toBe(true);
    expect(finds(pinyinKeys('吕布', 'person'), 'lvbu')).toBe(true);
    expect(finds(pinyinKeys('吕布', 'person'), 'lubu')).toBe(true);
  });

  it('a company name is keyed too, its letters and digits left out', () => {
    const keys = pinyinKeys('重庆长安汽车4S店', 'company');
    expect(keys[0]).toBe('chongqingchanganqichedian');
    expect(finds(keys, 'cqca')).toBe(true);
    expect(finds(keys, 'chongqing ca')).toBe(true);
  });

  it('a name without a Chinese character has no pinyin keys', () => {
    expect(pinyinKeys('Wang Lei', 'person')).toEqual([]);
    expect(pinyinKeys('4S', 'company')).toEqual([]);
  });

  it('is bounded: at most PINYIN_MAX_KEYS keys, none longer than the look-up box takes, none a prefix of another', () => {
    for (const [name, kind] of [
      ['单雄信', 'person'],
      ['乐乐乐乐', 'person'],
      ['北京朝阳重型长途汽车运输销售服务有限责任公司第一分公司', 'company'],
    ] as const) {
      const keys = pinyinKeys(name, kind);
      expect(keys.length, name).toBeLessThanOrEqual(PINYIN_MAX_KEYS);
      expect(new Set(keys).size).toBe(keys.length);
      for (const key of keys) {
        expect(key.length).toBeLessThanOrEqual(PINYIN_KEY_MAX_LENGTH);
        expect(key).toMatch(/^[a-z]+$/);
        expect(keys.filter((other) => other !== key && other.startsWith(key))).toEqual([]);
      }
    }
  });
});

describe('pinyinQuery: when the look-up reads what was typed as pinyin', () => {
  it('letters, spaces and apostrophes only, lower case without spaces', () => {
    expect(pinyinQuery(' Zhang S ')).toBe('zhangs');
    expect(pinyinQuery("xi'an")).toBe('xian');
    expect(pinyinQuery('ab12')).toBeNull();
    expect(pinyinQuery('张三')).toBeNull();
    expect(pinyinQuery('   ')).toBeNull();
  });
});
