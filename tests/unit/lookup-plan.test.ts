import { describe, expect, it } from 'vitest';
import { planLookup } from '../../electron/core/customers/lookup-plan';

describe('planLookup: what the one look-up box reads into what was typed', () => {
  it('nothing typed (or only spaces) searches nothing', () => {
    expect(planLookup('')).toEqual({});
    expect(planLookup('   ')).toEqual({});
  });

  it('a full plate typed with spaces, a middle dot and lower case is a plate prefix in stored form', () => {
    expect(planLookup('京a·123 45')).toMatchObject({ platePrefix: '京A12345' });
    expect(planLookup('京A')).toMatchObject({ platePrefix: '京A' });
    expect(planLookup('京a·123 45')).not.toHaveProperty('vinExact');
    expect(planLookup('京a·123 45')).not.toHaveProperty('phoneTailRev');
  });

  it('a plate without its province character is a serial prefix (and could be a VIN tail)', () => {
    expect(planLookup('a12345')).toEqual({ vinTailRev: '54321A', plateSerialPrefix: 'A12345', namePrefix: 'a12345' });
    expect(planLookup('AD12345')).toMatchObject({ plateSerialPrefix: 'AD12345' });
  });

  it('17 VIN characters are an exact VIN, whatever the case or spacing', () => {
    expect(planLookup('lsvau2189n2000001')).toMatchObject({ vinExact: 'LSVAU2189N2000001' });
    expect(planLookup('LSVAU2189 N2000001')).toMatchObject({ vinExact: 'LSVAU2189N2000001' });
    expect(planLookup('LSVAU2189N2000001')).not.toHaveProperty('vinTailRev');
  });

  it('6 to 16 VIN characters are a VIN tail, reversed for the index', () => {
    expect(planLookup('N2000001')).toMatchObject({ vinTailRev: '1000002N' });
    expect(planLookup('n20000')).toMatchObject({ vinTailRev: '00002N' });
    // 5 characters are too few to be a VIN tail.
    expect(planLookup('N2000')).not.toHaveProperty('vinTailRev');
    // A VIN never holds I, O or Q, so such text is not read as one.
    expect(planLookup('O12345')).not.toHaveProperty('vinTailRev');
  });

  it('4 digits are the last digits of a phone and nothing else', () => {
    expect(planLookup('8000')).toEqual({ phoneTailRev: '0008' });
    expect(planLookup('123')).toEqual({});
  });

  it('a full phone number, however it is written, is a reversed phone tail (and a VIN tail for 6-16 digits)', () => {
    const expected = { phoneTailRev: '00083100831', vinTailRev: '00083100831' };
    expect(planLookup('13800138000')).toEqual(expected);
    expect(planLookup('138-0013-8000')).toEqual(expected);
    expect(planLookup('(138) 0013 8000')).toMatchObject({ phoneTailRev: '00083100831' });
  });

  it('an international number drops the + so that it matches the stored reversed digits', () => {
    expect(planLookup('+86 138 0013 8000')).toEqual({ phoneTailRev: '0008310083168' });
  });

  it('digits are never read as a name', () => {
    expect(planLookup('88 8888')).not.toHaveProperty('namePrefix');
  });

  it('a Chinese name is a name prefix only', () => {
    expect(planLookup('张')).toEqual({ namePrefix: '张' });
    expect(planLookup(' 张三 ')).toEqual({ namePrefix: '张三' });
  });

  it('a Latin name is a lower-case name prefix with single spaces (and could be a plate serial, or pinyin)', () => {
    expect(planLookup('Wang')).toEqual({ plateSerialPrefix: 'WANG', namePrefix: 'wang', pinyinPrefix: 'wang' });
    expect(planLookup('WANG   Lei')).toMatchObject({ namePrefix: 'wang lei', pinyinPrefix: 'wanglei' });
  });

  it('letters and spaces only are also read as pinyin, without the spaces', () => {
    expect(planLookup('zs')).toEqual({ namePrefix: 'zs', pinyinPrefix: 'zs' });
    expect(planLookup('zhang s')).toMatchObject({ pinyinPrefix: 'zhangs' });
    expect(planLookup("Xi'an")).toMatchObject({ pinyinPrefix: 'xian' });
    // Letters only may be a VIN tail or plate serial too: every reading is searched.
    expect(planLookup('zhangsan')).toMatchObject({ pinyinPrefix: 'zhangsan', plateSerialPrefix: 'ZHANGSAN' });
  });

  it('a digit means it is not pinyin: "ab12" is a plate serial prefix and a name prefix only', () => {
    expect(planLookup('ab12')).toEqual({ plateSerialPrefix: 'AB12', namePrefix: 'ab12' });
    expect(planLookup('张s')).not.toHaveProperty('pinyinPrefix');
  });
});
