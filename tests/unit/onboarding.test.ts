import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { demoLink } from '@/components/onboarding/app';
import { ONBOARDING_PATH, openOnboardingOnInstall } from '@/lib/background/onboarding';

describe('the onboarding tab', () => {
  beforeEach(() => fakeBrowser.reset());

  it('opens once, when the extension is installed, and not on an update or a browser update', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await openOnboardingOnInstall('update');
    await openOnboardingOnInstall('chrome_update');
    await openOnboardingOnInstall('shared_module_update');
    expect(create).not.toHaveBeenCalled();
    await openOnboardingOnInstall('install');
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]![0].url).toMatch(new RegExp(`${ONBOARDING_PATH.replace('.', '\\.')}$`));
  });
});

describe('demoLink', () => {
  it('takes the demo order page npm start passes, on this computer only', () => {
    expect(demoLink('?demo=http%3A%2F%2F127.0.0.1%3A8080%2Fdetail-order-sn%2FKG7Q')).toBe(
      'http://127.0.0.1:8080/detail-order-sn/KG7Q',
    );
    expect(demoLink('?demo=http://localhost:8080/x')).toBe('http://localhost:8080/x');
    for (const refused of [
      '',
      '?demo=',
      '?demo=https://evil.example/',
      '?demo=javascript:alert(1)',
      '?demo=http://127.0.0.1.evil.example/',
      '?demo=not a url',
    ])
      expect(demoLink(refused), refused).toBeUndefined();
  });
});
