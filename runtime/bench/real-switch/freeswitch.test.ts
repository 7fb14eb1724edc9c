import { describe, expect, it } from 'vitest';
import { benchConfigXml } from './freeswitch.js';

describe('the benchmark FreeSWITCH configuration', () => {
  const xml = benchConfigXml({ eslPort: 18021, eslPassword: 'p"w', context: 'bench', routes: [{ number: 'raw', port: 4001 }, { number: 'spin', port: 4002 }] });

  it('hands each number to its outbound socket, with socket_resume and a hangup behind it', () => {
    expect(xml).toContain('<context name="bench">');
    expect(xml).toMatch(/expression="\^raw\$">\s*<action application="set" data="socket_resume=true"\/>\s*<action application="socket" data="127\.0\.0\.1:4001 async full"\/>\s*<action application="hangup"/);
    expect(xml).toContain('data="127.0.0.1:4002 async full"');
  });

  it('listens on loopback only, with no SIP profile and no stock password', () => {
    expect(xml).toContain('<param name="listen-ip" value="127.0.0.1"/>');
    expect(xml).toContain('<param name="listen-port" value="18021"/>');
    expect(xml).toContain('<param name="password" value="p&quot;w"/>');
    expect(xml).not.toContain('mod_sofia');
    expect(xml).not.toMatch(/default_password=1234\b/);
    expect(xml).toMatch(/default_password=[0-9a-f]{24}/);
  });
});
