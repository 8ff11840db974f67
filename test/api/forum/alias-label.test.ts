import { describe, expect, it } from 'vitest';
import { aliasLabel, type AuthorStanding } from '../../../api/forum/alias-label.ts';

const employee = (crowdSize: number): AuthorStanding => ({
  memberKind: 'employee',
  companyName: 'Acme',
  crowdSize,
});
const label = (standing: AuthorStanding, hideEmployer = false) =>
  aliasLabel(standing, 'Teal Heron', { hideEmployer, minEmployerCrowd: 20 });

describe('alias labels', () => {
  it('names the employer only from MIN_EMPLOYER_CROWD employees up', () => {
    expect(label(employee(20))).toBe('Employee of Acme · Teal Heron');
    expect(label(employee(19))).toBe('Verified employee · Teal Heron');
  });

  it('hides the employer when the author asks', () => {
    expect(label(employee(500), true)).toBe('Verified employee · Teal Heron');
  });

  it('labels verified members and members by kind alone', () => {
    expect(label({ memberKind: 'verified', companyName: null, crowdSize: 0 })).toBe(
      'Verified member · Teal Heron',
    );
    expect(label({ memberKind: 'member', companyName: null, crowdSize: 0 })).toBe('Member · Teal Heron');
  });

  it('falls back to "Verified employee" when the employer is unknown', () => {
    expect(label({ memberKind: 'employee', companyName: null, crowdSize: 100 })).toBe(
      'Verified employee · Teal Heron',
    );
  });
});
